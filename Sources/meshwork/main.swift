print("meshwork")
